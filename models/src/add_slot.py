#!/usr/bin/env python3
"""Adds an empty slot node (models/README.md, "Slot convention") to a GLB, as a child of the
scene's first root node. Standard library only.

    python3 models/src/add_slot.py IN.glb OUT.glb NAME X Y Z [back]

    python3 models/src/add_slot.py models/disc-pendant.glb models/birthstone-disc.glb \
        gem_round_3.5mm 0 -5.5 0.95

Position in millimetres in the root node's space (glTF units are metres). `back` turns the
node half way round Y, so its +Z faces the back (-Z). A name already present is an error, so
running it twice cannot add a slot twice.
"""
import json
import struct
import sys


def read_glb(path):
    data = open(path, 'rb').read()
    magic, version, _ = struct.unpack_from('<4sII', data, 0)
    if magic != b'glTF' or version != 2:
        sys.exit(f'{path}: not a glTF 2.0 binary')
    json_length, json_type = struct.unpack_from('<I4s', data, 12)
    if json_type != b'JSON':
        sys.exit(f'{path}: first chunk is not JSON')
    document = json.loads(data[20:20 + json_length])
    rest = data[20 + json_length:]
    return document, rest


def write_glb(path, document, rest):
    text = json.dumps(document, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 4)
    body = struct.pack('<I4s', len(text), b'JSON') + text + rest
    open(path, 'wb').write(struct.pack('<4sII', b'glTF', 2, 12 + len(body)) + body)


def main():
    if len(sys.argv) not in (7, 8) or (len(sys.argv) == 8 and sys.argv[7] != 'back'):
        sys.exit(__doc__)
    source, target, name, *millimetres = sys.argv[1:7]
    if not name.lower().startswith(('gem', 'engrave', 'photo', 'hinge')):
        sys.exit(f"slot names start with gem, engrave, photo or hinge (got '{name}')")
    document, rest = read_glb(source)
    if any(node.get('name') == name for node in document['nodes']):
        sys.exit(f"{source} already has a node named '{name}'")
    root = document['scenes'][document.get('scene', 0)]['nodes'][0]
    node = {'name': name, 'translation': [float(v) / 1000 for v in millimetres]}
    if len(sys.argv) == 8:
        node['rotation'] = [0.0, 1.0, 0.0, 0.0]
    document['nodes'].append(node)
    document['nodes'][root].setdefault('children', []).append(len(document['nodes']) - 1)
    write_glb(target, document, rest)


if __name__ == '__main__':
    main()
