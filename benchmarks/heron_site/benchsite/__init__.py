"""A minimal Heron project for benchmarks/run.py."""
