# libxlsxwriter (Debian: libxlsxwriter-dev) writes .xlsx files: templates and sheets auditors
# fill in or read in Excel/WPS (AHP pairwise matrices). Found through its pkg-config file;
# defines the imported target XlsxWriter::XlsxWriter. Kept in its own module so that every
# part of the tree that writes spreadsheets finds it the same way.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER QUIET IMPORTED_TARGET xlsxwriter)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(XlsxWriter
  REQUIRED_VARS XLSXWRITER_FOUND
  REASON_FAILURE_MESSAGE "install libxlsxwriter-dev (scripts/install-deps.sh)")
if(XlsxWriter_FOUND AND NOT TARGET XlsxWriter::XlsxWriter)
  add_library(XlsxWriter::XlsxWriter INTERFACE IMPORTED)
  target_link_libraries(XlsxWriter::XlsxWriter INTERFACE PkgConfig::XLSXWRITER)
endif()
