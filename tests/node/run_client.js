// Calls every method of Notify's official Node client against a running `notify serve` and prints what each
// answered (or the error it raised) as one JSON object; tests/e2e/test_node_client.py asserts on it.
// Usage: node run_client.js '<json config>' (baseUrl, apiKey, templates, pdf: base64 of a PDF)
'use strict';
const { NotifyClient } = require('notifications-node-client');

const config = JSON.parse(process.argv[2]);
const client = new NotifyClient(config.baseUrl, config.apiKey);
const results = {};

async function record(name, call) {
  try {
    const response = await call();
    results[name] = Buffer.isBuffer(response)
      ? { ok: true, pdf: response.toString('base64') }
      : { ok: true, status: response.status, data: response.data };
  } catch (error) {
    if (!error.response) {
      results[name] = { ok: false, status: null, data: String(error) };
    } else {
      results[name] = { ok: false, status: error.response.status, data: error.response.data };
    }
  }
  return results[name];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const t = config.templates;
  const address = { address_line_1: 'The Occupier', address_line_2: '1 High Street', postcode: 'SW1A 1AA' };
  const pdf = Buffer.from(config.pdf, 'base64');
  const sms = await record('sendSms', () => client.sendSms(t.sms, '07700900123',
    { personalisation: { name: 'Ada' }, reference: 'node-sms' }));
  await record('sendEmail', () => client.sendEmail(t.email, 'ada@example.com',
    { personalisation: { name: '*Ada*' }, reference: 'node-email', sanitiseContentFor: ['name'] }));
  await record('sendEmailWithFile', () => client.sendEmail(t.email, 'ada@example.com', {
    personalisation: { name: client.prepareUpload(Buffer.from('name\nAda\n'),
      { filename: 'names.csv', confirmEmailBeforeDownload: false, retentionPeriod: '2 weeks' }) } }));
  const letter = await record('sendLetter', () => client.sendLetter(t.letter,
    { personalisation: { ...address, name: 'Ada' }, reference: 'node-letter' }));
  const precompiled = await record('sendPrecompiledLetter',
    () => client.sendPrecompiledLetter('node-precompiled', pdf, 'economy'));
  await sleep(1500); // let the fake providers' receipts arrive
  await record('getNotificationById', () => client.getNotificationById(sms.data.id));
  await record('getLetterById', () => client.getNotificationById(letter.data.id));
  await record('getNotifications', () => client.getNotifications('sms', 'delivered', 'node-sms'));
  await record('getPdfForLetterNotification', () => client.getPdfForLetterNotification(letter.data.id));
  await record('getPdfForPrecompiled', () => client.getPdfForLetterNotification(precompiled.data.id));
  await record('getTemplateById', () => client.getTemplateById(t.letter));
  await record('getTemplateByIdAndVersion', () => client.getTemplateByIdAndVersion(t.sms, 1));
  await record('getAllTemplates', () => client.getAllTemplates('email'));
  await record('previewTemplateById', () => client.previewTemplateById(t.email, { name: 'Ada' }));
  await record('getReceivedTexts', () => client.getReceivedTexts());
  // errors
  await record('missingPersonalisation', () => client.sendSms(t.sms, '07700900123'));
  await record('badPrecompiled', () => client.sendPrecompiledLetter('bad', Buffer.from('not a pdf')));
  await record('pdfOfAnSms', () => client.getPdfForLetterNotification(sms.data.id));
  await record('unknownNotification', () => client.getNotificationById('00000000-0000-4000-8000-000000000000'));
  await record('badTemplateId', () => client.getTemplateById('not-a-uuid'));
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
