"""The gates every piece of generated code passes: policy (bpy-free), rehearsal, apply."""
