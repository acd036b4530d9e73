import sys
from pathlib import Path

# The pulse's round builder (tests/pulse/test_results.py) is shared with the home pages' tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pulse"))
