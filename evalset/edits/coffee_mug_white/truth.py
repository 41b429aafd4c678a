def material_body(ctx):
    assign(ctx.objects, principled("Porcelain", (0.85, 0.85, 0.82), roughness=0.12, Coat_Weight=0.5))


def material_handle(ctx):
    assign(ctx.objects, principled("Porcelain", (0.85, 0.85, 0.82), roughness=0.12, Coat_Weight=0.5))
