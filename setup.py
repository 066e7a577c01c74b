"""Builds the extension spot._spot with the project's CMake for `pip install .` (see pyproject.toml).

The C++ libraries, LibTorch and OpenCV come from the same CMake build as the `spot` CLI, so the
Python module runs exactly the CLI's code. The shipped weights are copied into the package
(spot/weights/), where `import spot` points SPOT_WEIGHTS_DIR, so an installed module needs no checkout.

Environment: SPOT_PIP_BUILD_DIR (CMake build folder, default build-pip/cmake), SPOT_BUILD_JOBS
(parallel jobs, default 2), CCACHE_DIR (default: the repo's .ccache, shared with scripts/build.sh).
"""
import glob
import os
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = ["spot_default.pt", "README.md", "LICENSE-Apache-2.0-SiamTrackers"]


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("SPOT_PIP_BUILD_DIR", os.path.join(ROOT, "build-pip", "cmake"))
        jobs = os.environ.get("SPOT_BUILD_JOBS", "2")
        env = dict(os.environ)
        env.setdefault("CCACHE_DIR", os.path.join(ROOT, ".ccache"))
        # As scripts/build.sh: lets ccache reuse objects compiled with LibTorch's precompiled header.
        env.setdefault("CCACHE_SLOPPINESS",
                       "pch_defines,time_macros,include_file_mtime,include_file_ctime")
        configure = [
            "cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
            "-DSPOT_BUILD_TESTS=OFF", "-DSPOT_BUILD_BENCH=OFF", "-DSPOT_BUILD_PYTHON=ON",
            f"-DPython3_EXECUTABLE={sys.executable}",
        ]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        subprocess.check_call(configure, env=env)
        subprocess.check_call(
            ["cmake", "--build", build_dir, "--target", "spot_python", "-j", jobs], env=env)

        built = glob.glob(os.path.join(build_dir, "python", "spot", "_spot*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one built extension in {build_dir}/python/spot, "
                               f"found {built} (is pybind11-dev installed? see the CMake output)")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built[0], target)
        weights_dir = os.path.join(os.path.dirname(target), "weights")
        os.makedirs(weights_dir, exist_ok=True)
        for name in WEIGHTS:
            shutil.copyfile(os.path.join(ROOT, "weights", name), os.path.join(weights_dir, name))


setup(
    ext_modules=[CMakeExtension("spot._spot")],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own scratch folders go beside CMake's, not into build/ (scripts/build.sh's tree).
    options={"build": {"build_base": os.path.join("build-pip", "setuptools")}},
)
