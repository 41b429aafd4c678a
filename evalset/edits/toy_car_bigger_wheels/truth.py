def build_wheels(ctx):
    for x in (-0.09, 0.09):
        for side in (-1, 1):
            bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=0.04, depth=0.03,
                                                location=(x, side * 0.072, 0.04),
                                                rotation=(math.radians(90), 0, 0))
            wheel = bpy.context.active_object
            wheel.name = "Car_Wheel"
            mod = wheel.modifiers.new("Bevel", 'BEVEL')
            mod.width = 0.004
            mod.segments = 2
            wheel.data.shade_smooth()
