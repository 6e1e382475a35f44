// The EJS templates given to epub-gen-memory in place of its own, which hard-code
// xml:lang="en", "All rights reserved", a random identifier and the current time. These take
// the language, the metadata (package.ts) and the stable identifier from the kit's options.
//
// Data the library gives every template: its options (ours included: `metadataXml`,
// `identifier`, `coverImageUrl`, `labels`), and for the package and navigation documents
// `content` (the chapters, with our extra fields), `images` (url, id, extension, mediaType) and
// `fonts` (filename, mediaType). Chapter templates get the chapter's own fields. `pageBreaks` (ours:
// label, file, id, in page order) makes the page-list and the NCX pageList; `playOrder` (ours) numbers
// every NCX target in reading order (generator.ts).
// The cover image's item is `cover-image`, named by the EPUB 2 `<meta name="cover">` that older
// reading systems and stores look for (generator.ts checks that the cover is among the images).

const XHTML_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%= lang %>" lang="<%= lang %>">`;

export const CONTENT_OPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="<%= lang %>">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<%- metadataXml %>
    <meta name="cover" content="cover-image"/>
  </metadata>
  <manifest>
    <item id="nav" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
<% fonts.forEach(function (font, i) { -%>
    <item id="font-<%= i + 1 %>" href="fonts/<%= font.filename %>" media-type="<%= font.mediaType %>"/>
<% }) -%>
<% images.forEach(function (image, i) { -%>
    <item id="<%= image.url === coverImageUrl ? 'cover-image' : 'image-' + (i + 1) %>" href="images/<%= image.id %>.<%= image.extension %>" media-type="<%= image.mediaType %>"<% if (image.url === coverImageUrl) { %> properties="cover-image"<% } %>/>
<% }) -%>
<% content.forEach(function (chapter) { -%>
    <item id="<%= chapter.id %>" href="<%= chapter.filename %>" media-type="application/xhtml+xml"/>
<% }) -%>
  </manifest>
  <spine toc="ncx">
<% content.forEach(function (chapter) { if (chapter.beforeToc) { -%>
    <itemref idref="<%= chapter.id %>"/>
<% } }) -%>
    <itemref idref="nav"/>
<% content.forEach(function (chapter) { if (!chapter.beforeToc) { -%>
    <itemref idref="<%= chapter.id %>"/>
<% } }) -%>
  </spine>
</package>
`;

export const CHAPTER_XHTML = `${XHTML_HEAD}
<head>
<meta charset="UTF-8"/>
<title><%= title %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body epub:type="<%= matter %>" class="epub-<%= kind %>">
<%- content %>
</body>
</html>
`;

/** The navigation document: the table of contents (episodes and about) and the landmarks. */
export const NAV_XHTML = `${XHTML_HEAD}
<head>
<meta charset="UTF-8"/>
<title><%= tocTitle %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body epub:type="frontmatter" class="epub-contents">
<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
<h1 id="toc-title"><%= tocTitle %></h1>
<ol>
<% content.forEach(function (chapter) { if (!chapter.excludeFromToc) { -%>
<li><a href="<%= chapter.filename %>"<% if (chapter.titleLang) { %> lang="<%= chapter.titleLang %>" xml:lang="<%= chapter.titleLang %>"<% } %>><%= chapter.title %></a><% if (chapter.sections && chapter.sections.length) { %>
<ol>
<% chapter.sections.forEach(function (s) { -%>
<li><a href="<%= chapter.filename %>#<%= s.id %>"<% if (s.lang) { %> lang="<%= s.lang %>" xml:lang="<%= s.lang %>"<% } %>><%= s.title %></a><% if (s.children.length) { %>
<ol>
<% s.children.forEach(function (c) { -%>
<li><a href="<%= chapter.filename %>#<%= c.id %>"<% if (c.lang) { %> lang="<%= c.lang %>" xml:lang="<%= c.lang %>"<% } %>><%= c.title %></a></li>
<% }) -%>
</ol>
<% } %></li>
<% }) -%>
</ol>
<% } %></li>
<% } }) -%>
</ol>
</nav>
<% if (pageBreaks.length) { -%>
<nav epub:type="page-list" id="page-list" role="doc-pagelist" aria-labelledby="page-list-title" hidden="hidden">
<h2 id="page-list-title"><%= labels.pages %></h2>
<ol>
<% pageBreaks.forEach(function (p) { -%>
<li><a href="<%= p.file %>#<%= p.id %>"><%= p.label %></a></li>
<% }) -%>
</ol>
</nav>
<% } -%>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title"><%= labels.landmarks %></h2>
<ol>
<% content.forEach(function (chapter) { if (chapter.kind === 'cover') { -%>
<li><a epub:type="cover" href="<%= chapter.filename %>"><%= chapter.title %></a></li>
<% } }) -%>
<li><a epub:type="toc" href="toc.xhtml#toc"><%= tocTitle %></a></li>
<% var first = content.find(function (chapter) { return chapter.matter === 'bodymatter'; }); if (first) { -%>
<li><a epub:type="bodymatter" href="<%= first.filename %>"><%= labels.start %></a></li>
<% } -%>
</ol>
</nav>
</body>
</html>
`;

/** The EPUB 2 table of contents, for old reading systems; its uid must be the package's identifier. */
export const TOC_NCX = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="<%= lang %>">
<head>
<meta name="dtb:uid" content="<%= identifier %>"/>
<meta name="dtb:depth" content="<%= content.some(function (c) { return c.sections && c.sections.some(function (s) { return s.children.length; }); }) ? 3 : content.some(function (c) { return c.sections && c.sections.length; }) ? 2 : 1 %>"/>
<meta name="dtb:totalPageCount" content="<%= pageBreaks.length %>"/>
<meta name="dtb:maxPageNumber" content="<%= pageBreaks.reduce(function (m, p) { return /^[0-9]+$/.test(p.label) ? Math.max(m, Number(p.label)) : m; }, 0) %>"/>
</head>
<docTitle><text><%= title %></text></docTitle>
<navMap>
<% content.forEach(function (chapter) { if (!chapter.excludeFromToc) { -%>
<navPoint id="nav-<%= chapter.id %>" playOrder="<%= playOrder[chapter.filename] %>"><navLabel><text><%= chapter.title %></text></navLabel><content src="<%= chapter.filename %>"/>
<% (chapter.sections || []).forEach(function (s) { -%>
<navPoint id="nav-<%= chapter.id %>-<%= s.id %>" playOrder="<%= playOrder[chapter.filename + '#' + s.id] %>"><navLabel><text><%= s.title %></text></navLabel><content src="<%= chapter.filename %>#<%= s.id %>"/>
<% s.children.forEach(function (c) { -%>
<navPoint id="nav-<%= chapter.id %>-<%= c.id %>" playOrder="<%= playOrder[chapter.filename + '#' + c.id] %>"><navLabel><text><%= c.title %></text></navLabel><content src="<%= chapter.filename %>#<%= c.id %>"/></navPoint>
<% }) -%>
</navPoint>
<% }) -%>
</navPoint>
<% } }) -%>
</navMap>
<% if (pageBreaks.length) { -%>
<pageList>
<navLabel><text><%= labels.pages %></text></navLabel>
<% pageBreaks.forEach(function (p, i) { -%>
<pageTarget id="target-<%= p.id %>" type="<%= /^[0-9]+$/.test(p.label) ? 'normal' : 'front' %>" value="<%= /^[0-9]+$/.test(p.label) ? p.label : i + 1 %>" playOrder="<%= playOrder[p.file + '#' + p.id] %>"><navLabel><text><%= p.label %></text></navLabel><content src="<%= p.file %>#<%= p.id %>"/></pageTarget>
<% }) -%>
</pageList>
<% } -%>
</ncx>
`;
