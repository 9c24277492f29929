import { readFile } from 'node:fs/promises';
import { MemoryChallengeStore, decodeLoginChallenge, pemDecode, pemDecodeAll, verifyLoginResponse } from 'jitsuin';

const file = (name) => readFile(`demo-out/${name}`, 'utf8');
const time = JSON.parse(await file('login/hospital/response.payload.json')).iat; // the demo's clock; a server passes Math.floor(Date.now() / 1000)
const challenges = new MemoryChallengeStore({ now: () => time }); // the store the RP put its issued challenge in
await challenges.put(decodeLoginChallenge(await file('login/hospital/challenge.json')));
const login = await verifyLoginResponse(await file('login/hospital/response.jws'), {
  rpId: 'hospital.example', challengeStore: challenges, time,
  trustAnchors: [pemDecode(await file('ca/root-ca.pem'), 'CERTIFICATE')],
  revocation: { crls: pemDecodeAll(await file('ca/crls.pem'), 'X509 CRL'), mode: 'require' },
});
console.log(login.commonCodeText, login.keyProtection); // the person's common code: the same at every RP
