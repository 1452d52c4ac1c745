/**
 * A realistic rulebook of `count` rules for the relint benchmarks: the
 * department's rule shapes (per-event points, thresholds, commissions,
 * percentages, tiers, `where` filters, flags, labels in Chinese, comments),
 * repeated with distinct ids. About 1.4 lines per rule.
 *
 * @example
 * ```ts
 * compile(bigRulebook(500));
 * ```
 */
export function bigRulebook(count: number): string {
  const lines = ['rulebook "咨询组绩效考评（基准测试）"', 'point = 1 yuan', 'window day', ''];
  for (let i = 0; i < count; i++) {
    switch (i % 6) {
      case 0:
        lines.push(`# 第 ${i} 条：礼貌用语`, `impolite_${i} "礼貌用语不规范 ${i}": -2 per; >=2 => personal -5, team -5`);
        break;
      case 1:
        lines.push(`rude_${i} "态度无礼或粗暴": -8 per; >2 => personal -12, team -12`);
        break;
      case 2:
        lines.push(`phone_visit_${i} on visit where channel = "phone": 10 yuan per, team 5 yuan per`);
        break;
      case 3:
        lines.push(`surgery_${i} "整形就诊" on surgery: 2% of amount, team 1% of amount`);
        break;
      case 4:
        lines.push(
          `base_bonus_${i} "基本奖金" on visit: tiers per month;`,
          '  >30 => 50 yuan per; 20..30 => 40 yuan per; 10..19 => 30 yuan per; else => 10 yuan per',
        );
        break;
      default:
        lines.push(`late_${i} on late where minutes > 30 and minutes <= 60: -2 per; >=3 per month => flag written_warning`);
    }
  }
  return lines.join('\n') + '\n';
}
