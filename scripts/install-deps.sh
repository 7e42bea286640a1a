#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of Indicheck from Debian 12 packages.
# Idempotent: packages already installed are skipped, and apt is not touched at all when
# nothing is missing. Nothing is downloaded from anywhere but Debian's archive.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git
  # libraries (see README "Dependencies" for why each one)
  libyaml-cpp-dev libicu-dev libeigen3-dev libboost-program-options-dev
  catch2 libvectorscan-dev libre2-dev libfmt-dev nlohmann-json3-dev
  # format readers (engine/formats): HTML and DOCX XML, DOCX zip, PDF text layer, OCR of
  # scanned PDF pages (--ocr: libtesseract + Simplified Chinese data), old binary .doc (antiword)
  libxml2-dev libzip-dev libpoppler-cpp-dev libtesseract-dev tesseract-ocr tesseract-ocr-chi-sim
  antiword
  # run history (history/, evaluate --history): SQLite, one file, crash-safe transactions, WAL
  libsqlite3-dev
  # writing .xlsx: results.xlsx (reports/src/xlsx_writer.cpp: real OOXML workbooks in constant
  # memory, frozen headers, filters, colour scales) and AHP templates (`weights ahp --template`)
  libxlsxwriter-dev
  # the indicheck executable's allocator (cli/CMakeLists.txt: 7 % of an evaluate run)
  libjemalloc-dev
  # end-to-end tests: headless browser and CJK fonts for the HTML reports; setpriv (util-linux)
  # for the permission test run as root
  chromium fonts-noto-cjk util-linux
  # output tests: an independent reader of results.xlsx (openpyxl) and the .docx (python-docx);
  # pdfinfo counts the pages of the 单位版 printed by Chromium
  python3-openpyxl python3-docx poppler-utils
  # benchmarks: reference scanner, peak-memory measurement
  ripgrep time
  # accuracy test on the development corpus (tests/accuracy/devcorpus.py) and label checks;
  # uconv (icu-devtools) writes the Traditional variant of the dev reports (variants.py)
  python3 python3-yaml icu-devtools
  # code checks in scripts/test.sh: function lengths (Universal Ctags), formatting
  universal-ctags clang-format
)

# Only to remake the committed format fixtures (tests/formats/make-fixtures.sh: .docx/.pdf/.doc
# from report texts, an encrypted and a scanned-like PDF, antiword/catdoc for the legacy .doc
# check): `scripts/install-deps.sh --fixtures`. The tests read the committed files, so neither
# the build nor CI needs LibreOffice.
if [ "${1:-}" = "--fixtures" ]; then
  packages+=(libreoffice-writer-nogui pandoc qpdf poppler-utils zip antiword catdoc)
fi

# Only for scripts/fuzz.sh (libFuzzer targets with ASan+UBSan): clang 14 and its runtime
# libraries, where libclang_rt.fuzzer and the sanitizer runtimes for clang live
# (libclang-rt-14-dev). CI builds the same targets as replay drivers with g++ and needs neither:
# `scripts/install-deps.sh --fuzz`.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
