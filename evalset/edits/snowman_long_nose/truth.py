def build_nose(ctx):
    bpy.ops.mesh.primitive_cone_add(vertices=24, radius1=0.022, radius2=0.002, depth=0.25,
                                    location=(0, -0.255, 1.02), rotation=(math.radians(90), 0, 0))
    nose = bpy.context.active_object
    nose.name = "Carrot_Nose"
    nose.data.shade_smooth()
