#!/usr/bin/env python3
"""Writes the llmlint platform wheel from a built binary, with the standard library only.

    python3 scripts/make_wheel.py --binary PATH --version X.Y.Z [--out dist] [--package python/llmlint]
    python3 scripts/make_wheel.py --binary PATH --print-tag      # the platform tag only

The platform tag is read off the binary (PEP 600): manylinux_X_Y_ARCH, where X.Y is the newest GLIBC_ symbol
version the binary needs and ARCH its ELF machine. The binary must need no library outside the manylinux
policy (libc, libm, libstdc++, libgcc_s, ...): a Swift runtime library among its DT_NEEDED entries is an error
(build it with the runtime linked statically, as `swift build -c release` does on Linux).

The wheel holds {name}-{version}.data/scripts/llmlint (installed into the environment's bin/ and made
executable), the small `llmlint` package that lets `python -m llmlint` find it, and the .dist-info with
METADATA, WHEEL and RECORD. Entries are sorted and dated SOURCE_DATE_EPOCH (default 1980-01-01), so the same
binary makes the same wheel bytes.
"""

import argparse
import base64
import hashlib
import os
import re
import struct
import sys
import time
import zipfile

NAME = "llmlint"
SUMMARY = "Find direct LLM API calls in Python and Swift code that sit outside a usage-tracking context"

# The libraries a manylinux wheel may need from the system (PEP 600 / the auditwheel policy), by soname.
MANYLINUX_LIBRARIES = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libutil.so.1", "libresolv.so.2",
    "libnsl.so.1", "libcrypt.so.1", "libgcc_s.so.1", "libstdc++.so.6", "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
}
ELF_MACHINES = {62: "x86_64", 183: "aarch64"}


class ELFError(Exception):
    pass


def read_elf(path):
    """(machine, needed sonames, {versioned file: {version names}}) of a 64-bit little-endian ELF file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ELFError(f"{path}: not a 64-bit little-endian ELF file")
    (machine,) = struct.unpack_from("<H", data, 18)
    shoff, = struct.unpack_from("<Q", data, 40)
    shentsize, shnum = struct.unpack_from("<HH", data, 58)
    sections = []
    for i in range(shnum):
        # sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, sh_addralign, sh_entsize
        fields = struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
        sections.append({"type": fields[1], "offset": fields[4], "size": fields[5], "link": fields[6]})

    def string(table, offset):
        start = sections[table]["offset"] + offset
        return data[start:data.index(b"\0", start)].decode("ascii", "replace")

    needed, versions = [], {}
    for section in sections:
        if section["type"] == 6:  # SHT_DYNAMIC: Elf64_Dyn {d_tag, d_val}
            for at in range(section["offset"], section["offset"] + section["size"], 16):
                tag, value = struct.unpack_from("<qQ", data, at)
                if tag == 0:
                    break
                if tag == 1:  # DT_NEEDED
                    needed.append(string(section["link"], value))
        elif section["type"] == 0x6FFFFFFE:  # SHT_GNU_verneed
            at = section["offset"]
            while True:
                _, count, file_name, aux, next_entry = struct.unpack_from("<HHIII", data, at)
                names = versions.setdefault(string(section["link"], file_name), set())
                aux_at = at + aux
                for _ in range(count):
                    _, _, _, name, next_aux = struct.unpack_from("<IHHII", data, aux_at)
                    names.add(string(section["link"], name))
                    aux_at += next_aux
                if next_entry == 0:
                    break
                at += next_entry
    return machine, needed, versions


def version_key(text):
    return tuple(int(part) for part in text.split("."))


def platform_tag(binary):
    machine, needed, versions = read_elf(binary)
    arch = ELF_MACHINES.get(machine)
    if arch is None:
        raise ELFError(f"{binary}: ELF machine {machine} has no manylinux tag here")
    outside = [name for name in needed if name not in MANYLINUX_LIBRARIES]
    if outside:
        raise ELFError(
            f"{binary} needs libraries outside the manylinux policy: {', '.join(outside)}"
            " (link the Swift runtime statically: swift build -c release on Linux, or --static-swift-stdlib)")
    glibc = [name[len("GLIBC_"):] for names in versions.values() for name in names
             if re.fullmatch(r"GLIBC_\d+(\.\d+)+", name)]
    if not glibc:
        raise ELFError(f"{binary}: no versioned GLIBC symbols; not a glibc binary?")
    major, minor = version_key(max(glibc, key=version_key))[:2]
    return f"manylinux_{major}_{minor}_{arch}"


def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def metadata(version):
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {version}\n"
        f"Summary: {SUMMARY}\n"
        "Keywords: llm,openai,anthropic,litellm,linter,finops,cost-tracking\n"
        "Classifier: Development Status :: 4 - Beta\n"
        "Classifier: Environment :: Console\n"
        "Classifier: Intended Audience :: Developers\n"
        "Classifier: Operating System :: POSIX :: Linux\n"
        "Classifier: Programming Language :: Python\n"
        "Classifier: Programming Language :: Swift\n"
        "Classifier: Topic :: Software Development :: Quality Assurance\n"
        "Requires-Python: >=3.8\n"
        "Description-Content-Type: text/markdown\n"
        "\n"
        "# llmlint\n\n"
        "`llmlint` finds direct LLM API calls in Python and Swift code that sit outside a usage-tracking\n"
        "context (`with tracker.track_llm_call(...)`), and warns about each one, so that no call escapes\n"
        "your token, cost and latency tracking. It is advisory: it exits 0 unless you pass `--strict`.\n\n"
        "This wheel holds the native binary (no Swift toolchain needed): `llmlint .`, `llmlint --staged`,\n"
        "`llmlint --format github .`, `llmlint --format sarif .`; `python -m llmlint` runs the same binary.\n"
    )


def build(binary, version, out_dir, package_dir):
    if not re.fullmatch(r"\d+(\.\d+)*([abc]|rc)?\d*(\.post\d+)?(\.dev\d+)?", version):
        raise ValueError(f"'{version}' is not a PEP 440 version")
    tag = f"py3-none-{platform_tag(binary)}"
    data_dir, info_dir = f"{NAME}-{version}.data", f"{NAME}-{version}.dist-info"
    with open(binary, "rb") as f:
        binary_bytes = f.read()
    files = [(f"{data_dir}/scripts/{NAME}", binary_bytes, 0o755)]
    for name in sorted(os.listdir(package_dir)):
        if name.endswith(".py"):
            with open(os.path.join(package_dir, name), "rb") as f:
                files.append((f"{NAME}/{name}", f.read(), 0o644))
    wheel = (
        "Wheel-Version: 1.0\n"
        f"Generator: llmlint scripts/make_wheel.py\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {tag}\n"
    )
    files.append((f"{info_dir}/METADATA", metadata(version).encode("utf-8"), 0o644))
    files.append((f"{info_dir}/WHEEL", wheel.encode("utf-8"), 0o644))
    files.sort(key=lambda item: (item[0].startswith(info_dir), item[0]))
    record = "".join(f"{path},{digest(data)},{len(data)}\n" for path, data, _ in files)
    record += f"{info_dir}/RECORD,,\n"
    files.append((f"{info_dir}/RECORD", record.encode("utf-8"), 0o644))

    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"{NAME}-{version}-{tag}.whl")
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)
    stamp = time.gmtime(epoch)[:6]
    temporary = path + ".part"
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data, mode in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode is honoured
            archive.writestr(info, data)
    os.replace(temporary, path)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--version")
    parser.add_argument("--out", default="dist")
    parser.add_argument("--package", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", NAME))
    parser.add_argument("--print-tag", action="store_true", help="print the platform tag and exit")
    args = parser.parse_args()
    try:
        if args.print_tag:
            print(platform_tag(args.binary))
            return
        if not args.version:
            parser.error("--version is required")
        print(build(args.binary, args.version, args.out, args.package))
    except (ELFError, ValueError, OSError) as error:
        print(f"make_wheel: {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
