def material_legs(ctx):
    assign(ctx.objects, principled("Chrome", (0.9, 0.9, 0.92), metallic=1.0, roughness=0.08))
