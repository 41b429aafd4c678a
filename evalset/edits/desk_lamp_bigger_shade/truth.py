def build_shade(ctx):
    # An open cone built with bmesh, then given wall thickness.
    mesh = bpy.data.meshes.new("Lamp_Shade")
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=False, cap_tris=False, segments=48,
                          radius1=0.1, radius2=0.022, depth=0.16)
    bm.to_mesh(mesh)
    bm.free()
    shade = bpy.data.objects.new("Lamp_Shade", mesh)
    ctx.collection.objects.link(shade)
    shade.rotation_mode = 'QUATERNION'
    # The cone's narrow end (+Z) points back up the axis towards the hinge.
    shade.rotation_quaternion = Vector((0, 0, -1)).rotation_difference(SHADE_AXIS)
    shade.location = HEAD + SHADE_AXIS * 0.09
    solid = shade.modifiers.new("Thickness", 'SOLIDIFY')
    solid.thickness = 0.003
    solid.offset = 1.0
    shade.data.shade_smooth()
