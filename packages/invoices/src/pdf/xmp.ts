/**
 * The Factur-X XMP: the fx: properties and their PDF/A extension schema description
 * (Factur-X_extension_schema.xmp, FNFE-MPE), plus the modification dates pdfkit leaves out.
 */

export const FACTURX_NAMESPACE = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

function pdfaProperty(name: string, description: string): string {
  return `<rdf:li rdf:parseType="Resource">
            <pdfaProperty:name>${name}</pdfaProperty:name>
            <pdfaProperty:valueType>Text</pdfaProperty:valueType>
            <pdfaProperty:category>external</pdfaProperty:category>
            <pdfaProperty:description>${description}</pdfaProperty:description>
          </rdf:li>`;
}

export function facturXmp(conformanceLevel: string): string {
  return `<rdf:Description rdf:about="" xmlns:fx="${FACTURX_NAMESPACE}">
  <fx:DocumentType>INVOICE</fx:DocumentType>
  <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
  <fx:Version>1.0</fx:Version>
  <fx:ConformanceLevel>${conformanceLevel}</fx:ConformanceLevel>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>${FACTURX_NAMESPACE}</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>
          ${pdfaProperty("DocumentFileName", "name of the embedded XML invoice file")}
          ${pdfaProperty("DocumentType", "INVOICE")}
          ${pdfaProperty("Version", "The actual version of the Factur-X XML schema")}
          ${pdfaProperty("ConformanceLevel", "The conformance level of the embedded Factur-X data")}
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>`;
}

/** pdfkit writes ModDate in the Info dictionary only; PDF/A wants the XMP to agree. */
export function modifyDateXmp(instant: Date): string {
  const iso = `${instant.toISOString().split(".")[0]}Z`;
  return `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
  <xmp:ModifyDate>${iso}</xmp:ModifyDate>
  <xmp:MetadataDate>${iso}</xmp:MetadataDate>
</rdf:Description>`;
}
