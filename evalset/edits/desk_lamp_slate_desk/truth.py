def compose_desk(ctx):
    bpy.ops.mesh.primitive_plane_add(size=1.6, location=(0.05, 0.0, 0.0))
    desk = bpy.context.active_object
    desk.name = "Desk_Top"
    slate = bpy.data.materials.new("Desk_Slate")
    if slate.node_tree is None:  # Blender < 5.0 makes node trees on request
        slate.use_nodes = True
    bsdf = slate.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.06, 0.065, 0.07, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.7
    slate.diffuse_color = (0.06, 0.065, 0.07, 1.0)
    desk.data.materials.append(slate)
