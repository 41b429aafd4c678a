"""Background jobs: `runner` is the bpy-free thread/queue/cancel core; `host` is the bpy side
(the one timer that drains the active job on the main thread, undo steps, sidebar state)."""
