"""One module per built-in command, each defining ``command``; imported on demand."""
