/** Two letters and seven digits, as the national register issues them. */
export const nationalIdPattern = /^[A-Z]{2}[0-9]{7}$/;
