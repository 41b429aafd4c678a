def material_shade(ctx):
    enamel = principled("Lamp_BlueEnamel", (0.02, 0.05, 0.35), roughness=0.18, Coat_Weight=0.6)
    inside = principled("Lamp_ShadeInside", (0.9, 0.88, 0.82), roughness=0.6)
    for obj in ctx.objects:
        obj.data.materials.clear()
        obj.data.materials.append(enamel)
        obj.data.materials.append(inside)
        # The solidify shell's inner faces take the second slot.
        obj.modifiers["Thickness"].material_offset = 1
