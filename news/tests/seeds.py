"""Where the real seed pages are: ../shared/corpus/seeds beside the checkout, else the workspace's copy."""

from pathlib import Path

_BESIDE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
SEEDS = _BESIDE if _BESIDE.is_dir() else Path("/work/shared/corpus/seeds")
