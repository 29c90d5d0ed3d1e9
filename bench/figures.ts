/** One measured figure, its budget and what it was measured beside. */
export interface Figure {
	id: string;
	name: string;
	value: number;
	unit: string;
	/** How to print the value when not `value unit` (e.g. "p50 / p95"). */
	text?: string;
	beside?: { name: string; value: number; unit: string };
	/** value ÷ beside (or as the budget defines it). */
	ratio?: number;
	/** How to print the ratio when not as a percentage (e.g. "2.1×"). */
	ratioText?: string;
	/** `pass: null` for figures that are only reported. */
	budget: { text: string; pass: boolean | null };
	detail?: Record<string, unknown>;
}

export interface BenchResult {
	date: string;
	quick: boolean;
	database: string;
	machine: Record<string, unknown>;
	scale: Record<string, unknown>;
	seconds: number;
	figures: Figure[];
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(Math.abs(v) >= 10 ? 1 : 2));

export function valueText(f: Figure): string {
	return f.text ?? `${fmt(f.value)} ${f.unit}`;
}

/** The table as Markdown, so it can be pasted into the README as it is. */
export function table(result: BenchResult): string {
	const rows = result.figures.map((f) => [
		f.name,
		valueText(f),
		f.budget.text,
		f.beside ? `${f.beside.name}: ${fmt(f.beside.value)} ${f.beside.unit}` : '—',
		f.ratioText ?? (f.ratio === undefined ? '—' : f.ratio >= 10 ? `${f.ratio.toFixed(0)}×` : `${(f.ratio * 100).toFixed(0)}%`),
		f.budget.pass === null ? 'REPORT' : f.budget.pass ? 'PASS' : result.quick ? 'miss (quick)' : 'MISS'
	]);
	const head = ['figure', 'measured', 'budget', 'measured beside', 'ratio', 'result'];
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function printTable(result: BenchResult): void {
	const m = result.machine;
	console.log(`\nKoers benchmark ${result.date} · ${result.database} · ${String(m.cpus)} × ${String(m.cpu)} · ${String(m.memoryGiB)} GiB · Node ${String(m.node)}${m.chromium ? ` · ${String(m.chromium)}` : ''}`);
	console.log(`school: ${JSON.stringify(result.scale)} · ${result.seconds} s${result.quick ? ' · QUICK (budgets not enforced)' : ''}\n`);
	console.log(table(result));
	console.log('');
}
