/// Bank files as banks send them, for the parser and matcher tests (and the end-to-end tests,
/// which have their own copies written to disk).
enum BankFixtures {
    /// A camt.053.001.02 end-of-day statement: a credit with an RF reference, a batch of two
    /// SEPA credits, a card debit and a pending credit.
    static let camt053v02 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <BkToCstmrStmt>
            <GrpHdr>
              <MsgId>STMT-20260303-0001</MsgId>
              <CreDtTm>2026-03-04T06:12:00</CreDtTm>
            </GrpHdr>
            <Stmt>
              <Id>30004-20260303</Id>
              <CreDtTm>2026-03-04T06:12:00</CreDtTm>
              <Acct>
                <Id><IBAN>FR76 3000 4008 2800 0123 4567 841</IBAN></Id>
                <Ccy>EUR</Ccy>
              </Acct>
              <Ntry>
                <NtryRef>0001</NtryRef>
                <Amt Ccy="EUR">1200.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2026-03-03</Dt></BookgDt>
                <ValDt><Dt>2026-03-03</Dt></ValDt>
                <AcctSvcrRef>ZX20260303001</AcctSvcrRef>
                <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                <NtryDtls>
                  <TxDtls>
                    <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                    <RltdPties>
                      <Dbtr><Nm>ACME Industrie SAS</Nm></Dbtr>
                      <DbtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></DbtrAcct>
                    </RltdPties>
                    <RmtInf>
                      <Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>RF42FA20260101</Ref></CdtrRefInf></Strd>
                    </RmtInf>
                  </TxDtls>
                </NtryDtls>
              </Ntry>
              <Ntry>
                <NtryRef>0002</NtryRef>
                <Amt Ccy="EUR">800.10</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2026-03-03</Dt></BookgDt>
                <ValDt><Dt>2026-03-04</Dt></ValDt>
                <AcctSvcrRef>ZX20260303002</AcctSvcrRef>
                <NtryDtls>
                  <Btch><NbOfTxs>2</NbOfTxs></Btch>
                  <TxDtls>
                    <Refs><EndToEndId>E2E-DUP-1</EndToEndId></Refs>
                    <AmtDtls><TxAmt><Amt Ccy="EUR">500.00</Amt></TxAmt></AmtDtls>
                    <RltdPties><Dbtr><Nm>Dupont et Fils</Nm></Dbtr></RltdPties>
                    <RmtInf><Ustrd>Facture fa 2026-0102</Ustrd><Ustrd>merci</Ustrd></RmtInf>
                  </TxDtls>
                  <TxDtls>
                    <Refs><EndToEndId>E2E-MAR-9</EndToEndId></Refs>
                    <AmtDtls><TxAmt><Amt Ccy="EUR">300.10</Amt></TxAmt></AmtDtls>
                    <RltdPties>
                      <Dbtr><Nm>Martin Élodie</Nm></Dbtr>
                      <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
                    </RltdPties>
                    <RmtInf><Ustrd>ACOMPTE</Ustrd></RmtInf>
                  </TxDtls>
                </NtryDtls>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">42.90</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2026-03-03</Dt></BookgDt>
                <AcctSvcrRef>ZX20260303003</AcctSvcrRef>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">99.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>PDNG</Sts>
                <BookgDt><Dt>2026-03-03</Dt></BookgDt>
                <AcctSvcrRef>ZX20260303004</AcctSvcrRef>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """

    /// A camt.053.001.08 statement: status and party names in their newer places, the amount
    /// directly under TxDtls, a booking date with a time.
    static let camt053v08 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>MSG-0308</MsgId><CreDtTm>2026-03-09T05:00:00+01:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>STMT-0308</Id>
              <Acct><Id><IBAN>FR7630004008280001234567841</IBAN></Id></Acct>
              <Ntry>
                <Amt Ccy="EUR">1234.56</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><DtTm>2026-03-08T14:30:00+01:00</DtTm></BookgDt>
                <ValDt><Dt>2026-03-09</Dt></ValDt>
                <AcctSvcrRef>2026030800017</AcctSvcrRef>
                <NtryDtls>
                  <TxDtls>
                    <Refs><EndToEndId>INV-FA-2026-0200</EndToEndId></Refs>
                    <Amt Ccy="EUR">1234.56</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <RltdPties>
                      <Dbtr><Pty><Nm>Boulangerie Léon</Nm></Pty></Dbtr>
                      <DbtrAcct><Id><IBAN>DE89 3704 0044 0532 0130 00</IBAN></Id></DbtrAcct>
                    </RltdPties>
                    <RmtInf><Strd><CdtrRefInf><Ref>FA-2026-0200</Ref></CdtrRefInf></Strd></RmtInf>
                  </TxDtls>
                </NtryDtls>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """

    /// A camt.054.001.08 credit notification.
    static let camt054v08 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
          <BkToCstmrDbtCdtNtfctn>
            <GrpHdr><MsgId>NTF-77</MsgId><CreDtTm>2026-03-10T10:00:00</CreDtTm></GrpHdr>
            <Ntfctn>
              <Id>NTF-77-1</Id>
              <Acct><Id><IBAN>FR7630004008280001234567841</IBAN></Id></Acct>
              <Ntry>
                <NtryRef>N1</NtryRef>
                <Amt Ccy="EUR">75.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>2026-03-10</Dt></BookgDt>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>E2E-77</EndToEndId></Refs>
                  <RmtInf><Ustrd>REGLEMENT FA-2026-0300</Ustrd></RmtInf>
                </TxDtls></NtryDtls>
              </Ntry>
            </Ntfctn>
          </BkToCstmrDbtCdtNtfctn>
        </Document>
        """

    /// A CFONB 120 day: old balance, a credit with payer name and invoice in 05 records, a
    /// direct debit, a credit with an end-to-end reference, new balance.
    static let cfonb = """
        0130004    00828EUR2 00012345678  020326                                                  0000000100000{                
        0430004000500828EUR2 0001234567805030326  030326VIR SEPA RECU ACME INDUSTRIE     0000123  0000000012000{ZX20260303001   
        0530004000500828EUR2 0001234567805030326     NPYACME INDUSTRIE SAS                                                      
        0530004000500828EUR2 0001234567805030326     LCCFACTURE FA-2026-0101                                                    
        0430004000100828EUR2 0001234567801030326  030326PRLV SEPA EDF                    0000124  0000000002504}                
        0430004000500828EUR2 0001234567805030326  040326VIR DUPONT ET FILS               0000125  0000000003005E                
        0530004000500828EUR2 0001234567805030326     RCNE2E-DUPONT-7781                                                         
        0730004    00828EUR2 00012345678  030326                                                  0000000112501E                

        """
}
