"""Jobs: what a user asks for (check a file, refresh a summary, …), composed from the
engine and the adapters. The faces (CLI, ribbon, ``shibai serve``) call these and never an
adapter; the UDFs, which only compute, use the engine directly (docs/architecture.md)."""
