"""The WSGI module (kasam.wsgi) that gunicorn serves."""


def test_the_web_process_keeps_its_lasting_objects_out_of_the_collectors_full_passes(tmp_path):
    """kasam.wsgi imports every view and freezes what exists then (gc.freeze)."""
    import os
    import subprocess
    import sys

    script = "import gc, kasam.wsgi, sys; sys.modules['kasam.pulse.views']; print(gc.get_freeze_count())"
    env = {**os.environ, "KASAM_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert int(done.stdout.strip()) > 50_000
