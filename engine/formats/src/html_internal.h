// Shared between html.cpp (body text) and html_meta.cpp (publisher metadata).
#pragma once

#include <libxml/tree.h>

#include "internal.h"

namespace indicheck::formats::detail {

// script, style, nav, footer, forms' controls…: never text of the report.
bool ignored_element(const xmlNode* n);

// The publisher's metadata of a page: <meta name="ArticleTitle|PubDate|ContentSource">, the
// <title>, and the visible 索引号/发文字号/发布机构/成文日期/发布日期 table outside `content`.
void read_page_metadata(const xmlDoc* doc, const xmlNode* body, const xmlNode* content,
                        std::vector<PublisherField>& fields);

}  // namespace indicheck::formats::detail
