#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/independent.safetensors with the Python standard library only, so the C++
reader is checked against a file it did not write. Run it again to regenerate the fixture."""
import json
import os
import struct

tensors = {
    # name: (shape, values)
    "a.weight": ([2, 3], [0.5, -1.25, 3.0, 1e-3, -0.0, 65504.0]),
    "b": ([4], [1.0, 2.0, 3.0, 4.0]),
    "scalar_like": ([1], [3.14159]),
}
header, blobs, offset = {"__metadata__": {"writer": "python-struct"}}, [], 0
for name in sorted(tensors):
    shape, values = tensors[name]
    blob = struct.pack("<%df" % len(values), *values)
    header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(blob)]}
    blobs.append(blob)
    offset += len(blob)
text = json.dumps(header).encode()
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "independent.safetensors")
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
print(out)
