def material_rug(ctx):
    assign(ctx.objects, principled("Rug_Wool_Red", (0.35, 0.02, 0.03), roughness=1.0, Sheen_Weight=0.6))
