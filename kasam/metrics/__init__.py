"""Pure computations over Polars frames (no Django import anywhere in this package)."""
