def material_vase(ctx):
    assign(ctx.objects, principled("Red_Glaze", (0.6, 0.02, 0.02), roughness=0.1, Coat_Weight=1.0))
