"""Image metrics (numpy, bpy-free): PSNR, SSIM, silhouette IoU, edge F-score, colour
histogram distance, and which of them score which reconstruction stage (see stages.py)."""
