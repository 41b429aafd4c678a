def build_spoiler(ctx):
    rounded_box("Car_Spoiler", (0.03, 0.13, 0.006), (-0.135, 0, 0.126), 0.002)
    for side in (-1, 1):
        rounded_box("Car_Spoiler_Post", (0.01, 0.006, 0.028), (-0.135, side * 0.04, 0.109), 0.001)


def material_spoiler(ctx):
    assign(ctx.objects, principled("Car_Red", (0.6, 0.03, 0.02), roughness=0.25, Coat_Weight=0.6))
