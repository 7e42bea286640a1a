# Every dependency comes from a Debian 12 package (scripts/install-deps.sh installs them).
# Nothing is downloaded at configure or build time.
find_package(PkgConfig REQUIRED)

find_package(fmt 9 REQUIRED)
find_package(yaml-cpp 0.7 REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(nlohmann_json 3.11 REQUIRED)
pkg_check_modules(HS REQUIRED IMPORTED_TARGET libhs)   # Vectorscan (Hyperscan API)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# Format readers (engine/formats): HTML and DOCX XML, DOCX zip, PDF text.
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract)
# Writing .xlsx (AHP matrix templates, results.xlsx): cmake/FindXlsxWriter.cmake.
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")
find_package(XlsxWriter REQUIRED)
# jemalloc: the allocator of the indicheck executable (cli/CMakeLists.txt). An evaluate run
# allocates and frees millions of small strings (quotes, terms, section paths); with glibc's
# malloc that was ~10 % of its cycles, and jemalloc takes 7 % off the whole run (issue 16,
# docs/performance.md).
find_library(INDICHECK_JEMALLOC NAMES jemalloc REQUIRED)

# yaml-cpp 0.7 on Debian exports the target as plain `yaml-cpp`.
if(TARGET yaml-cpp AND NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()
