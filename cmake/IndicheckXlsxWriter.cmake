# libxlsxwriter (Debian libxlsxwriter-dev): results.xlsx. Found through pkg-config as
# PkgConfig::XLSXWRITER; Debian ships no CMake package for it.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
