def build_cushion(ctx):
    cushion = box("Chair_Cushion", (0.4, 0.38, 0.035), (0, 0, SEAT_Z + 0.0375), bevel=0.012)
    cushion.data.shade_smooth()


def material_cushion(ctx):
    assign(ctx.objects, principled("Cushion_Red", (0.5, 0.04, 0.04), roughness=0.9, Sheen_Weight=0.5))
