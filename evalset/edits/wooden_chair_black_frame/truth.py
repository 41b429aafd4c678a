def material_legs(ctx):
    assign(ctx.objects, principled("Chair_BlackPaint", (0.015, 0.015, 0.015), roughness=0.35))


def material_stretchers(ctx):
    assign(ctx.objects, principled("Chair_BlackPaint", (0.015, 0.015, 0.015), roughness=0.35))


def material_back_posts(ctx):
    assign(ctx.objects, principled("Chair_BlackPaint", (0.015, 0.015, 0.015), roughness=0.35))


def material_top_rail(ctx):
    assign(ctx.objects, principled("Chair_BlackPaint", (0.015, 0.015, 0.015), roughness=0.35))


def material_spindles(ctx):
    assign(ctx.objects, principled("Chair_BlackPaint", (0.015, 0.015, 0.015), roughness=0.35))
