#include "show/print_finish.h"

#include <lcms2.h>

#include <exception>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

namespace vern::show {
namespace {

// The sRGB IEC 61966-2.1 profile, as Little CMS makes it.
std::string srgb_profile() {
  cmsHPROFILE profile = cmsCreate_sRGBProfile();
  cmsUInt32Number size = 0;
  std::string bytes;
  if (profile != nullptr && cmsSaveProfileToMem(profile, nullptr, &size) && size > 0) {
    bytes.resize(size);
    if (!cmsSaveProfileToMem(profile, bytes.data(), &size)) bytes.clear();
  }
  if (profile != nullptr) cmsCloseProfile(profile);
  return bytes;
}

QPDFObjectHandle inset(const QPDFObjectHandle::Rectangle& box, double by) {
  return QPDFObjectHandle::newArray(
      QPDFObjectHandle::Rectangle(box.llx + by, box.lly + by, box.urx - by, box.ury - by));
}

}  // namespace

Result<std::string> finish_for_print(const std::string& pdf,
                                     const std::optional<PrintBoxes>& boxes) {
  const std::string profile = srgb_profile();
  if (profile.empty()) return fail(ErrorCode::kInternal, "cannot make the sRGB profile");
  try {
    QPDF document;
    document.processMemoryFile("vernissage", pdf.data(), pdf.size());
    auto icc = QPDFObjectHandle::newStream(&document, profile);
    icc.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
    auto intent = QPDFObjectHandle::parse(
        "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (sRGB IEC61966-2.1) "
        "/Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) >>");
    intent.replaceKey("/DestOutputProfile", icc);
    document.getRoot().replaceKey("/OutputIntents", QPDFObjectHandle::newArray({intent}));
    if (boxes) {
      for (auto& page : QPDFPageDocumentHelper(document).getAllPages()) {
        const auto media = page.getMediaBox().getArrayAsRectangle();
        auto object = page.getObjectHandle();
        object.replaceKey("/TrimBox", inset(media, boxes->trim_inset));
        object.replaceKey("/BleedBox", inset(media, boxes->bleed_inset));
      }
    }
    QPDFWriter writer(document);
    writer.setOutputMemory();
    writer.setObjectStreamMode(qpdf_o_disable);  // readable by any print shop's software
    writer.write();
    const auto buffer = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  } catch (const std::exception& e) {
    return fail(ErrorCode::kInternal, std::string("cannot finish the PDF for print: ") + e.what());
  }
}

}  // namespace vern::show
