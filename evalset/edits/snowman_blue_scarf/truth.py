def material_scarf(ctx):
    assign(ctx.objects, principled("Wool_Blue", (0.03, 0.08, 0.45), roughness=0.95, Sheen_Weight=0.5))
