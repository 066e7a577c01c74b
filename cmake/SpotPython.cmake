# Finds what the Python module needs: a Python 3 interpreter with its development files (and, if
# present, NumPy) plus pybind11. Sets SPOT_PYTHON_FOUND and says why when something is missing.
#
# Which interpreter: Python3_EXECUTABLE when given (`pip install .` passes its own); otherwise the
# first of `python3` on PATH and /usr/bin/python3 that can import numpy. Why: on machines with a
# pyenv or venv python3 first on PATH but NumPy only in Debian's python3-numpy, FindPython would pick
# the interpreter without NumPy and the tests could only skip.
if(NOT Python3_EXECUTABLE)
  find_program(_spot_path_python3 NAMES python3)
  foreach(_py IN ITEMS ${_spot_path_python3} /usr/bin/python3)
    if(EXISTS "${_py}")
      execute_process(COMMAND "${_py}" -c "import numpy" RESULT_VARIABLE _rc OUTPUT_QUIET
                      ERROR_QUIET)
      if(_rc EQUAL 0)
        set(Python3_EXECUTABLE "${_py}" CACHE FILEPATH "Python interpreter the module is built for")
        break()
      endif()
    endif()
  endforeach()
endif()

find_package(Python3 COMPONENTS Interpreter Development.Module OPTIONAL_COMPONENTS NumPy)
if(Python3_FOUND)
  find_package(pybind11 2.6 CONFIG QUIET)
endif()

set(SPOT_PYTHON_FOUND OFF)
if(NOT Python3_FOUND)
  message(STATUS "Python module: not built (no Python 3 interpreter with development files; "
                 "Debian: python3-dev)")
elseif(NOT pybind11_FOUND)
  message(STATUS "Python module: not built (pybind11 not found; Debian: pybind11-dev)")
else()
  set(SPOT_PYTHON_FOUND ON)
  if(NOT Python3_NumPy_FOUND)
    message(STATUS "Python module: ${Python3_EXECUTABLE} has no NumPy; frames cannot be passed "
                   "and the Python tests will skip (Debian: python3-numpy)")
  endif()
  message(STATUS "Python module: for ${Python3_EXECUTABLE} (${Python3_VERSION}), "
                 "pybind11 ${pybind11_VERSION}")
endif()
