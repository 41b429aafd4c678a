def material_frame(ctx):
    assign(ctx.objects, principled("Navy_Lacquer", (0.02, 0.04, 0.14), roughness=0.3))


def material_shelves(ctx):
    assign(ctx.objects, principled("Navy_Lacquer", (0.02, 0.04, 0.14), roughness=0.3))
