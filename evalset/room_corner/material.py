import bpy


def principled(name, color, metallic=0.0, roughness=0.5, **extra):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Roughness"].default_value = roughness
    for socket, value in extra.items():
        bsdf.inputs[socket.replace("_", " ")].default_value = value
    mat.diffuse_color = (*color, 1.0)
    return mat


def assign(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)


def plaster():
    return principled("Plaster", (0.72, 0.67, 0.6), roughness=0.9)


def material_floor(ctx):
    assign(ctx.objects, principled("Oak_Floor", (0.5, 0.33, 0.17), roughness=0.5))


def material_wall_back(ctx):
    assign(ctx.objects, plaster())


def material_wall_left(ctx):
    assign(ctx.objects, plaster())


def material_window(ctx):
    frame = principled("Window_White", (0.85, 0.85, 0.83), roughness=0.4)
    glass = principled("Window_Glass", (0.8, 0.9, 1.0), roughness=0.05,
                       Emission_Color=(0.85, 0.92, 1.0, 1.0), Emission_Strength=2.0)
    for obj in ctx.objects:
        obj.data.materials.clear()
        obj.data.materials.append(glass if obj.name.startswith("Window_Glass") else frame)


def material_rug(ctx):
    assign(ctx.objects, principled("Rug_Wool", (0.3, 0.3, 0.3), roughness=1.0, Sheen_Weight=0.6))


def material_side_table(ctx):
    metal = principled("Table_Metal", (0.02, 0.02, 0.02), metallic=0.8, roughness=0.4)
    walnut = principled("Table_Walnut", (0.2, 0.1, 0.05), roughness=0.4)
    for obj in ctx.objects:
        obj.data.materials.clear()
        obj.data.materials.append(walnut if obj.name.startswith("SideTable_Top") else metal)


def material_plant(ctx):
    pot = principled("Pot_White", (0.8, 0.8, 0.78), roughness=0.3)
    leaves = principled("Leaves", (0.05, 0.2, 0.04), roughness=0.6)
    for obj in ctx.objects:
        obj.data.materials.clear()
        obj.data.materials.append(pot if obj.name.startswith("Plant_Pot") else leaves)
