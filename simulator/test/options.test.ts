import { describe, expect, it } from 'vitest';
import { parseDuration } from '../duration.ts';
import { parseOptions } from '../options.ts';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['1.5s', 1_500],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['5', 5_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '-5s', '5d'])('refuses "%s"', (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration/);
  });
});

describe('parseOptions', () => {
  it('has bounded defaults that need no flags', () => {
    expect(parseOptions([])).toMatchObject({
      url: 'http://localhost:8000',
      rate: 2,
      duration: 60_000,
      predictions: 'server',
      'feedback-share': 0.5,
      'feedback-delay': 2_000,
      'label-noise': 0,
      degrade: false,
    });
  });

  it('reads every flag', () => {
    const options = parseOptions([
      '--url=http://127.0.0.1:9000',
      '--rate=20',
      '--duration=5s',
      '--predictions=client',
      '--model-version=3',
      '--feedback-share=1',
      '--feedback-delay=100ms',
      '--label-noise=0.1',
      '--degrade',
      '--shift-domain=kitchen',
      '--shift-after=2s',
    ]);
    expect(options).toMatchObject({
      url: 'http://127.0.0.1:9000',
      rate: 20,
      duration: 5_000,
      predictions: 'client',
      'model-version': '3',
      'feedback-share': 1,
      'feedback-delay': 100,
      'label-noise': 0.1,
      degrade: true,
      'shift-domain': 'kitchen',
      'shift-after': 2_000,
    });
  });

  it.each([
    [['--rate=1000'], /--rate: .*100/],
    [['--rate=0'], /--rate/],
    [['--duration=2h'], /--duration: at most 3600 s/],
    [['--duration=later'], /--duration: "later" is not a duration/],
    [['--feedback-share=1.5'], /--feedback-share/],
    [['--url=ftp://x'], /--url: must be an http/],
    [['--predictions=magic'], /--predictions/],
    [['--shift-domain=books'], /--shift-domain: --shift-domain and --shift-after go together/],
  ])('refuses %j, naming the flag', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });

  it('refuses flags it does not know', () => {
    expect(() => parseOptions(['--rte=5'])).toThrow(/rte/);
  });
});
