def build_footrest(ctx):
    # The legs are 0.218 m from the axis at this height.
    bpy.ops.mesh.primitive_torus_add(major_radius=0.218, minor_radius=0.009, major_segments=64,
                                     minor_segments=12, location=(0, 0, 0.2))
    ring = bpy.context.active_object
    ring.name = "Stool_Footrest"
    ring.data.shade_smooth()
