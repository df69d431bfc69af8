/** The OpenSearch description that lets a browser add newsdesk as a search engine. */
import { escapeUTF8 } from 'entities';

/** The description for a site at `origin` (`http://localhost:3000`). */
export function openSearchXml(origin: string): string {
  const base = escapeUTF8(origin);
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>newsdesk</ShortName>
  <Description>Search the news archive</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Image height="16" width="16" type="image/svg+xml">${base}/assets/favicon.svg</Image>
  <Url type="text/html" method="get" template="${base}/search?q={searchTerms}"/>
  <Url type="application/atom+xml" method="get" template="${base}/search.atom?q={searchTerms}"/>
  <Url type="application/x-suggestions+json" method="get" template="${base}/api/suggest?format=opensearch&amp;q={searchTerms}"/>
</OpenSearchDescription>
`;
}
