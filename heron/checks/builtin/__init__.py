"""The checks Heron ships; each module registers its checks when imported."""
