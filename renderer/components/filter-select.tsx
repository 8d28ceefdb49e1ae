/** A toolbar filter: "Any …" first, then the choices; the accessible name is `label`. */
export function FilterSelect<T extends string>(props: {
  label: string;
  value: T;
  /** The "no filter" choice: its value and text ("Any type"). */
  any: { value: T; text: string };
  options: readonly { value: T; text: string }[];
  onChange(value: T): void;
  disabled?: boolean;
}) {
  return (
    <select className="select-auto" value={props.value} onChange={(e) => props.onChange(e.target.value as T)} aria-label={props.label} disabled={props.disabled}>
      <option value={props.any.value}>{props.any.text}</option>
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.text}
        </option>
      ))}
    </select>
  );
}
