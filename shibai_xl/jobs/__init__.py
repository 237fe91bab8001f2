"""Jobs: what a user asks for (check a file, refresh a summary, …), composed from the
engine and the adapters. The CLI, the ribbon and the UDFs call these and nothing else."""
