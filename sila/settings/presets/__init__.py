"""The two board-approved policies, shipped as ready configurations."""
from sila.settings.presets.definitions import PRESETS, Preset

__all__ = ["PRESETS", "Preset"]
