/**
 * The judge of the `consent` vector suite: how this library answers one case of `vectors/consent.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/consent.ts`, not in the package.
 * @module
 */
import { base64urlDecode } from '../../encoding/base64url.js';
import { hexDecode } from '../../encoding/hex.js';
import type { JsonValue } from '../../encoding/json-value.js';
import { signEcdsa } from '../../crypto/ecdsa.js';
import { checkConsentDisplay } from '../../consent/display.js';
import { parseRequestPayload } from '../../consent/model.js';
import { decodeConsentRequest } from '../../consent/request.js';
import { verifyWithdrawal } from '../../consent/decision.js';
import { authorizeTransfer } from '../../consent/authorize.js';
import { verifyTransferRecord } from '../../consent/record.js';
import { MemoryConsentUseStore, MemoryWithdrawalStore } from '../../consent/stores.js';
import { consentIdOf, type ConsentTrustOptions } from '../../consent/trust.js';
import {
  verifyConsentEvidence,
  type CheckpointMonitor,
  type ConsentEvent,
} from '../../consent/evidence.js';
import { MemoryCheckpointStateStore, parsePolicy } from '../../ledger/index.js';
import type { CaseOutcome, VectorSuite } from '../types.js';
import { caseOutcome, VectorInputError } from './case-outcome.js';

function str(input: Readonly<Record<string, unknown>>, key: string): string {
  const v = input[key];
  if (typeof v !== 'string') throw new VectorInputError(`input.${key} must be a string`);
  return v;
}

function trustOf(input: Readonly<Record<string, unknown>>): ConsentTrustOptions {
  const anchors = input['trustAnchors'];
  const crls = input['crls'];
  const time = input['time'];
  if (!Array.isArray(anchors) || !Array.isArray(crls) || typeof time !== 'number')
    throw new VectorInputError('input needs trustAnchors, crls and time');
  return {
    trustAnchors: anchors.map((a) => base64urlDecode(String(a))),
    revocation: { crls: crls.map((c) => base64urlDecode(String(c))), mode: 'require' },
    time,
  };
}

async function runCase(
  type: string,
  input: Readonly<Record<string, unknown>>,
): Promise<CaseOutcome> {
  switch (type) {
    case 'decode-request': {
      const lang = input['lang'] === 'en' ? 'en' : 'ja';
      const s = await decodeConsentRequest(str(input, 'token'), { ...trustOf(input), lang });
      return {
        result: 'valid',
        output: {
          consentId: s.consentId,
          requester: s.requester.rpId,
          organisation: s.requester.organisation,
          transfers: s.payload.transfers.map((t) => t.id),
        },
      };
    }
    case 'check-display': {
      const lang = input['lang'] === 'en' ? 'en' : 'ja';
      checkConsentDisplay(
        str(input, 'text'),
        parseRequestPayload(input['request'] as JsonValue),
        str(input, 'organisation'),
        lang,
      );
      return { result: 'valid', output: {} };
    }
    case 'authorize': {
      const provider = str(input, 'provider');
      const keys = input['providerKeys'] as Record<string, string> | undefined;
      const chains = input['providerChains'] as Record<string, string[]> | undefined;
      const key = keys?.[provider];
      const chain = chains?.[provider];
      if (key === undefined || chain === undefined)
        throw new VectorInputError(`no key for provider ${provider}`);
      const request = str(input, 'request');
      const useStore = new MemoryConsentUseStore();
      const withdrawalStore = new MemoryWithdrawalStore();
      const usesBefore = Number(input['usesBefore'] ?? 0);
      const id = consentIdOf(request);
      for (let i = 0; i < usesBefore; i++)
        await useStore.consume(`${id}/${str(input, 'transfer')}`, 100);
      if (input['withdrawn'] === true) await withdrawalStore.withdraw(id, Number(input['time']));
      const d = hexDecode(key);
      const items = input['items'];
      const t = await authorizeTransfer({
        ...trustOf(input),
        rpId: provider,
        request,
        decision: str(input, 'decision'),
        transfer: str(input, 'transfer'),
        ...(Array.isArray(items) ? { items: items as number[] } : {}),
        recipient: str(input, 'recipient'),
        purpose: str(input, 'purpose'),
        customer: base64urlDecode(str(input, 'customer')),
        useStore,
        withdrawalStore,
        signer: (m) => Promise.resolve(signEcdsa(d, m)),
        certificateChain: chain.map((c) => base64urlDecode(c)),
      });
      return { result: 'valid', output: { consent: t.consentId, use: t.use, items: [...t.items] } };
    }
    case 'verify-record': {
      const r = await verifyTransferRecord(str(input, 'record'), {
        ...trustOf(input),
        rpId: str(input, 'recipient'),
        request: str(input, 'request'),
        decision: str(input, 'decision'),
      });
      return {
        result: 'valid',
        output: { consent: r.consentId, transfer: r.transfer, items: [...r.items], use: r.use },
      };
    }
    case 'verify-withdrawal': {
      const w = await verifyWithdrawal(
        str(input, 'withdrawal'),
        str(input, 'request'),
        trustOf(input),
      );
      return { result: 'valid', output: { consent: w.consentId } };
    }
    case 'verify-evidence': {
      const events = (input['events'] as Record<string, unknown>[]).map((e) => ({
        kind: e['kind'] as ConsentEvent['kind'],
        token: String(e['token']),
        salt: hexDecode(String(e['salt'])),
        receipt: e['receipt'] as string,
      }));
      const policy = parsePolicy(str(input, 'policy'));
      let monitor: CheckpointMonitor | undefined;
      if (typeof input['trusted'] === 'string') {
        const state = new MemoryCheckpointStateStore();
        const trusted = input['trusted'];
        await state.compareAndSwap(trusted.split('\n', 1)[0]!, undefined, trusted);
        const proofs = input['proofs'] as Record<string, string[]>;
        monitor = {
          state,
          proof: (m, n) => {
            const p = proofs[`${m} ${n}`];
            if (p === undefined)
              throw new VectorInputError(`no consistency proof ${m} ${n} in the input`);
            return Promise.resolve(p.map((h) => hexDecode(h)));
          },
        };
      }
      const v = await verifyConsentEvidence(events, {
        ...trustOf(input),
        policy,
        ...(monitor === undefined ? {} : { monitor }),
      });
      return {
        result: 'valid',
        output: {
          consent: v.consentId,
          indices: v.receipts.map((r) => r.index),
          records: v.records.length,
          withdrawals: v.withdrawals.length,
        },
      };
    }
    default:
      return { result: 'skipped', reason: `unknown test group type ${JSON.stringify(type)}` };
  }
}

/** The `consent` suite: this library's answers to the cases of `vectors/consent.json`. */
export const consentSuite: VectorSuite = {
  name: 'consent',
  run: (type, input) => caseOutcome(() => runCase(type, input)),
};
