"""CLI subcommands; see cli.py. Heavy imports (bpy) happen inside run() only."""
