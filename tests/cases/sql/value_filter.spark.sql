SIZE(
  FILTER(
    FLATTEN(
      TRANSFORM(
        FLATTEN(
          TRANSFORM(
            FLATTEN(
              TRANSFORM(
                FLATTEN(
                  TRANSFORM(
                    FILTER(
                      FILTER(
                        FLATTEN(
                          TRANSFORM(
                            FLATTEN(
                              TRANSFORM(
                                FLATTEN(
                                  TRANSFORM(
                                    FLATTEN(
                                      TRANSFORM(
                                        FILTER(
                                          TRANSFORM(
                                            FILTER(
                                              FLATTEN(
                                                TRANSFORM(
                                                  FLATTEN(
                                                    TRANSFORM(
                                                      FLATTEN(
                                                        TRANSFORM(
                                                          FLATTEN(
                                                            TRANSFORM(
                                                              ARRAY(`record`),
                                                              x1 -> CASE
                                                                WHEN STARTSWITH(SCHEMA_OF_VARIANT(x1), 'ARRAY')
                                                                THEN TRY_VARIANT_GET(x1, '$', 'array<variant>')
                                                                ELSE ARRAY(x1)
                                                              END
                                                            )
                                                          ),
                                                          x2 -> CASE
                                                            WHEN STARTSWITH(SCHEMA_OF_VARIANT(x2), 'ARRAY')
                                                            THEN TRY_VARIANT_GET(x2, '$', 'array<variant>')
                                                            ELSE ARRAY(x2)
                                                          END
                                                        )
                                                      ),
                                                      x3 -> CASE
                                                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x3), 'ARRAY')
                                                        THEN TRY_VARIANT_GET(x3, '$', 'array<variant>')
                                                        ELSE ARRAY(x3)
                                                      END
                                                    )
                                                  ),
                                                  x4 -> CASE
                                                    WHEN STARTSWITH(SCHEMA_OF_VARIANT(x4), 'ARRAY')
                                                    THEN TRY_VARIANT_GET(x4, '$', 'array<variant>')
                                                    ELSE ARRAY(x4)
                                                  END
                                                )
                                              ),
                                              x5 -> STARTSWITH(SCHEMA_OF_VARIANT(x5), 'OBJECT')
                                            ),
                                            x6 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x6, '$', 'map<string, variant>'), 'Tags')
                                          ),
                                          x7 -> NOT x7 IS NULL AND SCHEMA_OF_VARIANT(x7) <> 'VOID'
                                        ),
                                        x8 -> CASE
                                          WHEN STARTSWITH(SCHEMA_OF_VARIANT(x8), 'ARRAY')
                                          THEN TRY_VARIANT_GET(x8, '$', 'array<variant>')
                                          ELSE ARRAY(x8)
                                        END
                                      )
                                    ),
                                    x9 -> CASE
                                      WHEN STARTSWITH(SCHEMA_OF_VARIANT(x9), 'ARRAY')
                                      THEN TRY_VARIANT_GET(x9, '$', 'array<variant>')
                                      ELSE ARRAY(x9)
                                    END
                                  )
                                ),
                                x10 -> CASE
                                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x10), 'ARRAY')
                                  THEN TRY_VARIANT_GET(x10, '$', 'array<variant>')
                                  ELSE ARRAY(x10)
                                END
                              )
                            ),
                            x11 -> CASE
                              WHEN STARTSWITH(SCHEMA_OF_VARIANT(x11), 'ARRAY')
                              THEN TRY_VARIANT_GET(x11, '$', 'array<variant>')
                              ELSE ARRAY(x11)
                            END
                          )
                        ),
                        x12 -> NOT x12 IS NULL AND SCHEMA_OF_VARIANT(x12) <> 'VOID'
                      ),
                      x13 -> (
                        SIZE(
                          FILTER(
                            FILTER(
                              FLATTEN(
                                TRANSFORM(
                                  FLATTEN(
                                    TRANSFORM(
                                      FLATTEN(
                                        TRANSFORM(
                                          FLATTEN(
                                            TRANSFORM(
                                              FILTER(
                                                TRANSFORM(
                                                  FILTER(
                                                    FLATTEN(
                                                      TRANSFORM(
                                                        FLATTEN(
                                                          TRANSFORM(
                                                            FLATTEN(
                                                              TRANSFORM(
                                                                FLATTEN(
                                                                  TRANSFORM(
                                                                    ARRAY(x13),
                                                                    x14 -> CASE
                                                                      WHEN STARTSWITH(SCHEMA_OF_VARIANT(x14), 'ARRAY')
                                                                      THEN TRY_VARIANT_GET(x14, '$', 'array<variant>')
                                                                      ELSE ARRAY(x14)
                                                                    END
                                                                  )
                                                                ),
                                                                x15 -> CASE
                                                                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x15), 'ARRAY')
                                                                  THEN TRY_VARIANT_GET(x15, '$', 'array<variant>')
                                                                  ELSE ARRAY(x15)
                                                                END
                                                              )
                                                            ),
                                                            x16 -> CASE
                                                              WHEN STARTSWITH(SCHEMA_OF_VARIANT(x16), 'ARRAY')
                                                              THEN TRY_VARIANT_GET(x16, '$', 'array<variant>')
                                                              ELSE ARRAY(x16)
                                                            END
                                                          )
                                                        ),
                                                        x17 -> CASE
                                                          WHEN STARTSWITH(SCHEMA_OF_VARIANT(x17), 'ARRAY')
                                                          THEN TRY_VARIANT_GET(x17, '$', 'array<variant>')
                                                          ELSE ARRAY(x17)
                                                        END
                                                      )
                                                    ),
                                                    x18 -> STARTSWITH(SCHEMA_OF_VARIANT(x18), 'OBJECT')
                                                  ),
                                                  x19 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x19, '$', 'map<string, variant>'), 'Key')
                                                ),
                                                x20 -> NOT x20 IS NULL AND SCHEMA_OF_VARIANT(x20) <> 'VOID'
                                              ),
                                              x21 -> CASE
                                                WHEN STARTSWITH(SCHEMA_OF_VARIANT(x21), 'ARRAY')
                                                THEN TRY_VARIANT_GET(x21, '$', 'array<variant>')
                                                ELSE ARRAY(x21)
                                              END
                                            )
                                          ),
                                          x22 -> CASE
                                            WHEN STARTSWITH(SCHEMA_OF_VARIANT(x22), 'ARRAY')
                                            THEN TRY_VARIANT_GET(x22, '$', 'array<variant>')
                                            ELSE ARRAY(x22)
                                          END
                                        )
                                      ),
                                      x23 -> CASE
                                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x23), 'ARRAY')
                                        THEN TRY_VARIANT_GET(x23, '$', 'array<variant>')
                                        ELSE ARRAY(x23)
                                      END
                                    )
                                  ),
                                  x24 -> CASE
                                    WHEN STARTSWITH(SCHEMA_OF_VARIANT(x24), 'ARRAY')
                                    THEN TRY_VARIANT_GET(x24, '$', 'array<variant>')
                                    ELSE ARRAY(x24)
                                  END
                                )
                              ),
                              x25 -> NOT x25 IS NULL AND SCHEMA_OF_VARIANT(x25) <> 'VOID'
                            ),
                            x26 -> SCHEMA_OF_VARIANT(x26) = 'STRING' AND TRY_VARIANT_GET(x26, '$', 'string') = 'env'
                          )
                        ) > 0
                        AND (
                          SIZE(
                            FILTER(
                              FILTER(
                                FLATTEN(
                                  TRANSFORM(
                                    FLATTEN(
                                      TRANSFORM(
                                        FLATTEN(
                                          TRANSFORM(
                                            FLATTEN(
                                              TRANSFORM(
                                                FILTER(
                                                  TRANSFORM(
                                                    FILTER(
                                                      FLATTEN(
                                                        TRANSFORM(
                                                          FLATTEN(
                                                            TRANSFORM(
                                                              FLATTEN(
                                                                TRANSFORM(
                                                                  FLATTEN(
                                                                    TRANSFORM(
                                                                      ARRAY(x13),
                                                                      x27 -> CASE
                                                                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x27), 'ARRAY')
                                                                        THEN TRY_VARIANT_GET(x27, '$', 'array<variant>')
                                                                        ELSE ARRAY(x27)
                                                                      END
                                                                    )
                                                                  ),
                                                                  x28 -> CASE
                                                                    WHEN STARTSWITH(SCHEMA_OF_VARIANT(x28), 'ARRAY')
                                                                    THEN TRY_VARIANT_GET(x28, '$', 'array<variant>')
                                                                    ELSE ARRAY(x28)
                                                                  END
                                                                )
                                                              ),
                                                              x29 -> CASE
                                                                WHEN STARTSWITH(SCHEMA_OF_VARIANT(x29), 'ARRAY')
                                                                THEN TRY_VARIANT_GET(x29, '$', 'array<variant>')
                                                                ELSE ARRAY(x29)
                                                              END
                                                            )
                                                          ),
                                                          x30 -> CASE
                                                            WHEN STARTSWITH(SCHEMA_OF_VARIANT(x30), 'ARRAY')
                                                            THEN TRY_VARIANT_GET(x30, '$', 'array<variant>')
                                                            ELSE ARRAY(x30)
                                                          END
                                                        )
                                                      ),
                                                      x31 -> STARTSWITH(SCHEMA_OF_VARIANT(x31), 'OBJECT')
                                                    ),
                                                    x32 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x32, '$', 'map<string, variant>'), 'Value')
                                                  ),
                                                  x33 -> NOT x33 IS NULL AND SCHEMA_OF_VARIANT(x33) <> 'VOID'
                                                ),
                                                x34 -> CASE
                                                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x34), 'ARRAY')
                                                  THEN TRY_VARIANT_GET(x34, '$', 'array<variant>')
                                                  ELSE ARRAY(x34)
                                                END
                                              )
                                            ),
                                            x35 -> CASE
                                              WHEN STARTSWITH(SCHEMA_OF_VARIANT(x35), 'ARRAY')
                                              THEN TRY_VARIANT_GET(x35, '$', 'array<variant>')
                                              ELSE ARRAY(x35)
                                            END
                                          )
                                        ),
                                        x36 -> CASE
                                          WHEN STARTSWITH(SCHEMA_OF_VARIANT(x36), 'ARRAY')
                                          THEN TRY_VARIANT_GET(x36, '$', 'array<variant>')
                                          ELSE ARRAY(x36)
                                        END
                                      )
                                    ),
                                    x37 -> CASE
                                      WHEN STARTSWITH(SCHEMA_OF_VARIANT(x37), 'ARRAY')
                                      THEN TRY_VARIANT_GET(x37, '$', 'array<variant>')
                                      ELSE ARRAY(x37)
                                    END
                                  )
                                ),
                                x38 -> NOT x38 IS NULL AND SCHEMA_OF_VARIANT(x38) <> 'VOID'
                              ),
                              x39 -> SCHEMA_OF_VARIANT(x39) = 'STRING'
                              AND TRY_VARIANT_GET(x39, '$', 'string') = 'prod'
                            )
                          ) > 0
                          OR SIZE(
                            FILTER(
                              FILTER(
                                FLATTEN(
                                  TRANSFORM(
                                    FLATTEN(
                                      TRANSFORM(
                                        FLATTEN(
                                          TRANSFORM(
                                            FLATTEN(
                                              TRANSFORM(
                                                FILTER(
                                                  TRANSFORM(
                                                    FILTER(
                                                      FLATTEN(
                                                        TRANSFORM(
                                                          FLATTEN(
                                                            TRANSFORM(
                                                              FLATTEN(
                                                                TRANSFORM(
                                                                  FLATTEN(
                                                                    TRANSFORM(
                                                                      ARRAY(x13),
                                                                      x40 -> CASE
                                                                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x40), 'ARRAY')
                                                                        THEN TRY_VARIANT_GET(x40, '$', 'array<variant>')
                                                                        ELSE ARRAY(x40)
                                                                      END
                                                                    )
                                                                  ),
                                                                  x41 -> CASE
                                                                    WHEN STARTSWITH(SCHEMA_OF_VARIANT(x41), 'ARRAY')
                                                                    THEN TRY_VARIANT_GET(x41, '$', 'array<variant>')
                                                                    ELSE ARRAY(x41)
                                                                  END
                                                                )
                                                              ),
                                                              x42 -> CASE
                                                                WHEN STARTSWITH(SCHEMA_OF_VARIANT(x42), 'ARRAY')
                                                                THEN TRY_VARIANT_GET(x42, '$', 'array<variant>')
                                                                ELSE ARRAY(x42)
                                                              END
                                                            )
                                                          ),
                                                          x43 -> CASE
                                                            WHEN STARTSWITH(SCHEMA_OF_VARIANT(x43), 'ARRAY')
                                                            THEN TRY_VARIANT_GET(x43, '$', 'array<variant>')
                                                            ELSE ARRAY(x43)
                                                          END
                                                        )
                                                      ),
                                                      x44 -> STARTSWITH(SCHEMA_OF_VARIANT(x44), 'OBJECT')
                                                    ),
                                                    x45 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x45, '$', 'map<string, variant>'), 'Value')
                                                  ),
                                                  x46 -> NOT x46 IS NULL AND SCHEMA_OF_VARIANT(x46) <> 'VOID'
                                                ),
                                                x47 -> CASE
                                                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x47), 'ARRAY')
                                                  THEN TRY_VARIANT_GET(x47, '$', 'array<variant>')
                                                  ELSE ARRAY(x47)
                                                END
                                              )
                                            ),
                                            x48 -> CASE
                                              WHEN STARTSWITH(SCHEMA_OF_VARIANT(x48), 'ARRAY')
                                              THEN TRY_VARIANT_GET(x48, '$', 'array<variant>')
                                              ELSE ARRAY(x48)
                                            END
                                          )
                                        ),
                                        x49 -> CASE
                                          WHEN STARTSWITH(SCHEMA_OF_VARIANT(x49), 'ARRAY')
                                          THEN TRY_VARIANT_GET(x49, '$', 'array<variant>')
                                          ELSE ARRAY(x49)
                                        END
                                      )
                                    ),
                                    x50 -> CASE
                                      WHEN STARTSWITH(SCHEMA_OF_VARIANT(x50), 'ARRAY')
                                      THEN TRY_VARIANT_GET(x50, '$', 'array<variant>')
                                      ELSE ARRAY(x50)
                                    END
                                  )
                                ),
                                x51 -> NOT x51 IS NULL AND SCHEMA_OF_VARIANT(x51) <> 'VOID'
                              ),
                              x52 -> SCHEMA_OF_VARIANT(x52) = 'STRING'
                              AND TRY_VARIANT_GET(x52, '$', 'string') = 'staging'
                            )
                          ) > 0
                        )
                      )
                    ),
                    x53 -> CASE
                      WHEN STARTSWITH(SCHEMA_OF_VARIANT(x53), 'ARRAY')
                      THEN TRY_VARIANT_GET(x53, '$', 'array<variant>')
                      ELSE ARRAY(x53)
                    END
                  )
                ),
                x54 -> CASE
                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x54), 'ARRAY')
                  THEN TRY_VARIANT_GET(x54, '$', 'array<variant>')
                  ELSE ARRAY(x54)
                END
              )
            ),
            x55 -> CASE
              WHEN STARTSWITH(SCHEMA_OF_VARIANT(x55), 'ARRAY')
              THEN TRY_VARIANT_GET(x55, '$', 'array<variant>')
              ELSE ARRAY(x55)
            END
          )
        ),
        x56 -> CASE
          WHEN STARTSWITH(SCHEMA_OF_VARIANT(x56), 'ARRAY')
          THEN TRY_VARIANT_GET(x56, '$', 'array<variant>')
          ELSE ARRAY(x56)
        END
      )
    ),
    x57 -> NOT x57 IS NULL AND SCHEMA_OF_VARIANT(x57) <> 'VOID'
  )
) > 0
