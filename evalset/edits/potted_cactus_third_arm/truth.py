def build_arms(ctx):
    # Left arm: out, then up; right arm: higher and shorter; a third towards the front.
    for side, z, up in ((-1, 0.22, 0.09), (1, 0.28, 0.07)):
        ribbed_capsule("Cactus_Arm", 0.018, 0.07, (side * 0.055, 0, z), rotation=(0, math.radians(90), 0))
        ribbed_capsule("Cactus_Arm_Up", 0.018, up, (side * 0.085, 0, z + up / 2))
    ribbed_capsule("Cactus_Arm", 0.018, 0.07, (0, -0.055, 0.25), rotation=(math.radians(90), 0, 0))
    ribbed_capsule("Cactus_Arm_Up", 0.018, 0.06, (0, -0.085, 0.28))
