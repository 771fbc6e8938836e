"""The two board-approved policies, shipped as ready configurations."""
from presets.definitions import PRESETS, Preset

__all__ = ["PRESETS", "Preset"]
